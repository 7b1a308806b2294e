def format_duration(seconds, max_units=2):
    raise NotImplementedError
