import ast


class SettingsError(ValueError):
    pass


def load_settings(text):
    settings = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, raw = line.partition(":")
        if not sep:
            raise SettingsError(f"line {number}: expected 'key: value'")
        try:
            settings[key.strip()] = ast.literal_eval(raw.strip())
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError) as exc:
            raise SettingsError(f"line {number}: {exc}") from exc
    return settings
