"""``codecanary sandbox exec`` runs a program of each language and prints the Execution."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from codecanary.cli import cli

PROGRAMS = {
    "python": ("a.py", "print('hi')\n"),
    "rust": ("a.rs", 'fn main() { println!("hi"); }\n'),
    "cpp": ("a.cpp", '#include <iostream>\nint main() { std::cout << "hi\\n"; }\n'),
    "javascript": ("a.js", "console.log('hi');\n"),
    "java": ("Main.java", 'public class Main { public static void main(String[] a) '
                          '{ System.out.println("hi"); } }\n'),
}


@pytest.mark.parametrize("lang", sorted(PROGRAMS))
def test_exec_prints_the_execution(tmp_path: Path, lang: str) -> None:
    name, source = PROGRAMS[lang]
    (tmp_path / name).write_text(source)
    result = CliRunner().invoke(cli, ["sandbox", "exec", "--lang", lang, str(tmp_path / name),
                                      "--timeout", "60", "--memory", "512"])
    assert result.exit_code == 0, result.output
    execution = json.loads(result.output)
    assert execution["verdict"] == "ok" and execution["stdout"] == "hi\n", execution


def test_exec_reports_a_timeout(tmp_path: Path) -> None:
    (tmp_path / "s.py").write_text("import time\ntime.sleep(60)\n")
    result = CliRunner().invoke(cli, ["sandbox", "exec", "--lang", "python",
                                      str(tmp_path / "s.py"), "--timeout", "1"])
    assert result.exit_code == 0 and json.loads(result.output)["verdict"] == "timeout"
