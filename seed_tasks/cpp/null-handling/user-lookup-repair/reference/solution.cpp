// User lookups that check every pointer before dereferencing it.
#include <string>
#include <vector>

struct User {
    int id;
    std::string name;
    const User* manager;
};

const User* find_user(const std::vector<User>& users, int id) {
    for (const User& u : users) {
        if (u.id == id) return &u;
    }
    return nullptr;
}

std::string describe(const std::vector<User>& users, int id) {
    const User* u = find_user(users, id);
    if (u == nullptr) return "unknown";
    if (u->manager == nullptr) return u->name;
    return u->name + " (reports to " + u->manager->name + ")";
}

int levels_above(const std::vector<User>& users, int id) {
    const User* u = find_user(users, id);
    if (u == nullptr) return -1;
    int n = 0;
    while (u->manager != nullptr) {
        u = u->manager;
        ++n;
    }
    return n;
}
