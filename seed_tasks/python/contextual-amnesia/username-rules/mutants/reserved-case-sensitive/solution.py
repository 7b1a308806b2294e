import string

ALLOWED = set(string.ascii_lowercase + string.digits + "_.")
SPECIAL = set("_.")
RESERVED = {"admin", "root", "support", "system"}


def violations(name):
    found = []
    if len(name) < 3 or len(name) > 20:
        found.append("length")
    if any(ch not in ALLOWED for ch in name):
        found.append("charset")
    if not name or name[0] not in string.ascii_lowercase:
        found.append("start")
    if name and name[-1] in SPECIAL:
        found.append("end")
    if any(a in SPECIAL and b in SPECIAL for a, b in zip(name, name[1:])):
        found.append("consecutive")
    if name in RESERVED:
        found.append("reserved")
    return found
