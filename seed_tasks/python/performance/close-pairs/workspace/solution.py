def close_pairs(nums, d):
    raise NotImplementedError
