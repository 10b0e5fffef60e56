def load(k):
    d = {"a": 1}
    try:
        return d[k]
    except KeyError as e:
        raise ValueError(f"bad key {k}") from e
load("z")
