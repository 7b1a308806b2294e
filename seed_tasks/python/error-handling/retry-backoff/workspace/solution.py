def retry(fn, attempts, retry_on, sleep, base_delay=0.1):
    raise NotImplementedError
