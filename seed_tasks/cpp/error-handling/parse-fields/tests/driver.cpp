// JSON-lines driver: [field index | -1 (start a new line)...] -> [sum or null, error text].
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

static const char* FIELDS[] = {"1", " -7 ", "x", "", "2147483647", "2147483648", "12a", "-", "+3", "0"};

int main() {
    std::string line;
    while (std::getline(std::cin, line)) {
        for (char& c : line) {
            if (c == '[' || c == ']' || c == ',') c = ' ';
        }
        std::istringstream in(line);
        std::vector<std::string> lines{""};
        bool fresh = true;
        int k = 0;
        while (in >> k) {
            if (k < 0) {
                lines.push_back("");
                fresh = true;
                continue;
            }
            if (!fresh) lines.back() += ",";
            lines.back() += FIELDS[k];
            fresh = false;
        }
        std::string err = "-";
        auto sum = try_sum(lines, err);
        std::cout << "[" << (sum ? std::to_string(*sum) : std::string("null")) << ",\"" << err << "\"]"
                  << std::endl;
    }
}
