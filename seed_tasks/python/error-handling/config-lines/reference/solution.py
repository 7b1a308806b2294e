class ConfigError(ValueError):
    def __init__(self, line, message):
        super().__init__(f"line {line}: {message}")
        self.line = line


def parse_config(text):
    result = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        if not sep:
            raise ConfigError(number, "expected key = value")
        key, value = key.strip(), value.strip()
        if not key:
            raise ConfigError(number, "empty key")
        if key in result:
            raise ConfigError(number, f"duplicate key {key!r}")
        result[key] = int(value) if value.isdigit() else value
    return result
