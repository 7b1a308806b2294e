// JSON-lines driver: [query id, manager index per user...] -> [describe, levels_above].
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
        int query = 0, m = 0;
        in >> query;
        std::vector<int> managers;
        while (in >> m) managers.push_back(m);
        std::vector<User> users;
        users.reserve(managers.size());
        for (std::size_t i = 0; i < managers.size(); ++i) {
            const User* boss = managers[i] < 0 ? nullptr : &users[managers[i]];
            users.push_back({static_cast<int>(i) + 1, "u" + std::to_string(i), boss});
        }
        std::cout << "[\"" << describe(users, query) << "\"," << levels_above(users, query) << "]"
                  << std::endl;
    }
}
