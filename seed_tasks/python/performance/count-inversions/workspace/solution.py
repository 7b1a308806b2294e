def count_inversions(nums):
    raise NotImplementedError
