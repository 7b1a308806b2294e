"""Run one sandboxed execution and print it as JSON (used by the hostile-test harness).

Reads a JSON request on stdin: backend, files, command, limits, collect, and for
bwrap the uid range and cgroup parent reserved for hostile tests. It runs in a
pid namespace and a pids cgroup of its own (see ``hostile.py``), so a containment
bug cannot reach the test runner.
"""

from __future__ import annotations

import dataclasses
import json
import sys

from codecanary.registry import get
from codecanary.types import Limits


def main() -> None:
    req = json.load(sys.stdin)
    cls = get("sandbox", req["backend"])
    sandbox = cls(**req.get("options", {}))
    execution = sandbox.run(req["files"], req["command"], Limits(**req["limits"]),
                            collect=req.get("collect", []))
    sys.stdout.write(json.dumps(dataclasses.asdict(execution)))


if __name__ == "__main__":
    main()
