"""The docker backend's seccomp profile: the engine's default, minus user namespaces.

Code in a box must not create user namespaces of its own: a nested user
namespace gives an unprivileged process capabilities over fresh namespaces, the
usual first step of a kernel exploit. Docker's default profile already refuses
``unshare`` and namespace flags of ``clone`` to a container without
CAP_SYS_ADMIN (every box drops all capabilities), so Docker needs nothing more.
Podman's default profile allows ``clone``, ``clone3`` and ``unshare``
unconditionally (for nested rootless containers), so for Podman the backend
derives a profile from the engine's own default (:func:`no_userns`) and names it
by path: Podman's Docker-compatible API reads ``seccomp=`` as a file on the
engine's host, where Docker wants the JSON itself, which is why this only works
for a Podman engine on this host (a unix socket).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

CLONE_NEWUSER = 0x10000000
EPERM, ENOSYS = 1, 38
DEFAULT_PROFILES = ("/etc/containers/seccomp.json", "/usr/share/containers/seccomp.json")
"""Where Podman keeps its default profile (the first that exists is the one it uses)."""
_GUARDED = ("clone", "clone3", "unshare")


def _newuser(value: int) -> list[dict[str, Any]]:
    """Argument filter: the first argument masked to CLONE_NEWUSER equals ``value``."""
    return [{"index": 0, "value": CLONE_NEWUSER, "valueTwo": value, "op": "SCMP_CMP_MASKED_EQ"}]


def no_userns(default: dict[str, Any]) -> dict[str, Any]:
    """``default`` (an OCI seccomp profile) with user-namespace creation refused.

    ``clone`` and ``unshare`` stay allowed without CLONE_NEWUSER and fail with EPERM
    with it; ``clone3`` fails with ENOSYS, because its flags sit in a struct a seccomp
    filter cannot read, and ENOSYS makes the C library fall back to ``clone``
    (threads and fork keep working).
    """
    profile: dict[str, Any] = json.loads(json.dumps(default))  # a deep copy
    rules = []
    for rule in profile.get("syscalls") or []:
        if rule.get("action") == "SCMP_ACT_ALLOW":
            names = [n for n in rule.get("names") or [rule.get("name")] if n not in _GUARDED]
            if not names:
                continue
            rule = {k: v for k, v in rule.items() if k != "name"} | {"names": names}
        rules.append(rule)
    rules += [
        {"names": ["clone", "unshare"], "action": "SCMP_ACT_ALLOW", "args": _newuser(0)},
        {"names": ["clone", "unshare"], "action": "SCMP_ACT_ERRNO", "errnoRet": EPERM,
         "args": _newuser(CLONE_NEWUSER)},
        {"names": ["clone3"], "action": "SCMP_ACT_ERRNO", "errnoRet": ENOSYS},
    ]
    profile["syscalls"] = rules
    return profile


def podman_profile_path(defaults: tuple[str, ...] = DEFAULT_PROFILES) -> str | None:
    """Path of the no-user-namespace profile derived from this host's Podman default,
    written once per content (under /run/codecanary as root); None without a default."""
    source = next((Path(p) for p in defaults if os.path.isfile(p)), None)
    if source is None:
        return None
    text = json.dumps(no_userns(json.loads(source.read_text())), sort_keys=True)
    base = Path("/run/codecanary") if os.geteuid() == 0 else Path.home() / ".cache/codecanary"
    out = base / f"seccomp-no-userns-{hashlib.sha256(text.encode()).hexdigest()[:12]}.json"
    if not out.exists():
        base.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f"{out.name}.{os.getpid()}.tmp")
        tmp.write_text(text)
        os.replace(tmp, out)
    return str(out)


def security_options(components: list[dict[str, Any]], base_url: str) -> list[str]:
    """no-new-privileges; for a Podman engine (by the components its version reports)
    also the seccomp profile that refuses user namespaces. A Podman engine for which it
    cannot be made is refused with a :class:`~sandbox.base.SandboxError`."""
    if not any(c.get("Name") == "Podman Engine" for c in components):
        return ["no-new-privileges"]
    path = podman_profile_path() if base_url.startswith("unix://") else None
    if path is None:
        from sandbox.base import SandboxError

        raise SandboxError(
            f"cannot forbid user namespaces in the boxes of the Podman engine at {base_url}: "
            "its default seccomp profile must be readable on this host "
            "(/usr/share/containers/seccomp.json, installed with podman) and the engine "
            "reached through a unix socket")
    return ["no-new-privileges", f"seccomp={path}"]
