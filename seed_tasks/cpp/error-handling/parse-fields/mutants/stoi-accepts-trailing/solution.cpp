// Strict integer parsing: typed exceptions per field, turned into an error
// message per line by try_sum, which never throws.
#include <climits>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

static int parse_one(const std::string& raw, std::size_t n) {
    try {
        return std::stoi(raw);
    } catch (const std::out_of_range&) {
        throw std::out_of_range("field " + std::to_string(n) + ": out of range");
    } catch (const std::exception&) {
        throw std::invalid_argument("field " + std::to_string(n) + ": not a number");
    }
}

std::vector<int> parse_fields(const std::string& line) {
    std::vector<int> out;
    if (line.empty()) return out;
    std::size_t start = 0, n = 1;
    while (true) {
        std::size_t comma = line.find(',', start);
        out.push_back(parse_one(line.substr(start, comma - start), n));
        if (comma == std::string::npos) break;
        start = comma + 1;
        ++n;
    }
    return out;
}

std::optional<long long> try_sum(const std::vector<std::string>& lines, std::string& error) {
    long long total = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        try {
            for (int v : parse_fields(lines[i])) total += v;
        } catch (const std::exception& e) {
            error = "line " + std::to_string(i + 1) + ": " + e.what();
            return std::nullopt;
        }
    }
    return total;
}
