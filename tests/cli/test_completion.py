"""``nianbao completion bash``: the script completes commands, options and option values in a real bash."""

from __future__ import annotations

import subprocess

from .conftest import nianbao


def _complete(script: str, *words: str) -> list[str]:
    line = " ".join(words)
    program = (
        f'{script}\nCOMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; _nianbao; printf "%s\\n" "${{COMPREPLY[@]}}"'
    )
    out = subprocess.run(["bash", "-c", program], capture_output=True, text=True, timeout=30, check=True).stdout
    return out.split()


def test_bash_completion_completes_commands_options_and_values(tmp_path) -> None:
    r = nianbao("completion", "bash")
    assert r.code == 0 and "complete -o filenames -F _nianbao nianbao" in r.out
    assert _complete(r.out, "nianbao", "li") == ["lint"]
    assert set(_complete(r.out, "nianbao", "lint", "--output-")) == {"--output-format"}
    assert {"--exit-zero", "--statistics", "--baseline"} <= set(_complete(r.out, "nianbao", "lint", "--"))
    assert set(_complete(r.out, "nianbao", "lint", "--output-format", "")) >= {"text", "json", "sarif"}
    assert _complete(r.out, "nianbao", "lint", "--lang", "e") == ["en"]
    assert _complete(r.out, "nianbao", "completion", "z") == ["zsh"]
    assert nianbao("completion", "zsh").out.startswith("autoload -U +X bashcompinit")
