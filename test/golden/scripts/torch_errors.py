"""Golden PyTorch 1.13 errors for wrong calls: each line of torch-error-calls.txt is run after a
fixed preamble in one Python process; the last line of the error as Python prints it is recorded
in torch-errors.json ("" when the call succeeds). Run with /usr/bin/python3."""
import json
import pathlib
import traceback

import torch
import torch.nn.functional as F

HERE = pathlib.Path(__file__).resolve().parent
PREAMBLE = "import torch\nimport torch.nn.functional as F\nx = torch.ones(2, 2, requires_grad=True)\n"

out = []
for call in (HERE / "torch-error-calls.txt").read_text(encoding="utf-8").splitlines():
    if not call.strip():
        continue
    scope = {}
    try:
        exec(compile(PREAMBLE + call + "\n", "<case>", "exec"), scope)
        last = ""
    except Exception as e:  # noqa: BLE001 - every error is the point here
        lines = [l for l in traceback.format_exception_only(type(e), e) if l.strip()]
        last = "".join(lines).rstrip("\n").split("\n")
        last = [l for l in last if l.strip()][-1]
    out.append({"call": call, "preamble": PREAMBLE, "last": last})
(HERE / "torch-errors.json").write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
print(len(out), "torch error cases")
