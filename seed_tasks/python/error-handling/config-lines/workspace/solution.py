class ConfigError(ValueError):
    def __init__(self, line, message):
        super().__init__(f"line {line}: {message}")
        self.line = line


def parse_config(text):
    raise NotImplementedError
