// JSON-lines driver: [lo, hi, sorted xs...] -> [lower(lo), upper(lo), count_equal(lo), count_between(lo, hi)].
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

int main() {
    std::string line;
    while (std::getline(std::cin, line)) {
        for (char& c : line) {
            if (c == '[' || c == ']' || c == ',') c = ' ';
        }
        std::istringstream in(line);
        int lo = 0, hi = 0, x = 0;
        in >> lo >> hi;
        std::vector<int> xs;
        while (in >> x) xs.push_back(x);
        std::cout << "[" << lower_index(xs, lo) << "," << upper_index(xs, lo) << ","
                  << count_equal(xs, lo) << "," << count_between(xs, lo, hi) << "]" << std::endl;
    }
}
