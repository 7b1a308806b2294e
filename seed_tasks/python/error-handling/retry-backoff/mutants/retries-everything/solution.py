def retry(fn, attempts, retry_on, sleep, base_delay=0.1):
    if attempts < 1:
        raise ValueError("attempts must be >= 1")
    delay = base_delay
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except Exception:
            if attempt >= attempts:
                raise
        sleep(delay)
        delay *= 2
