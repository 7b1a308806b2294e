def window_argmax(nums, k):
    raise NotImplementedError
