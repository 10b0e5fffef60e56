"""The exporter's own behaviour with real PyTorch: module groups, from_output, pages, CUDA.
Run: /usr/bin/python3 -m unittest discover -s python/tests -v (npm test runs it)."""
import json
import os
import sys
import tempfile
import unittest

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import grad_graph  # noqa: E402


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(3, 4)
        self.body = nn.Sequential(nn.ReLU(), nn.Linear(4, 2))

    def forward(self, x):
        return self.body(self.fc1(x))


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def by_name(trace, name):
    return [g for g in trace["groups"] if g["name"] == name]


class ModuleGroups(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(0)
        self.model = model = Net()
        x = torch.ones(2, 3)
        with grad_graph.record() as rec:
            y = model(x)
            loss = y.pow(2).mean()
            loss.backward()
        self.trace = rec.trace.data

    def test_each_module_call_is_a_group_named_by_its_attribute_and_class(self):
        names = [g["name"] for g in self.trace["groups"]]
        self.assertEqual(names, ["model: Net", "fc1: Linear", "body: Sequential", "0: ReLU", "1: Linear"])
        for g in self.trace["groups"]:
            self.assertEqual(g["kind"], "module")
        self.assertEqual(by_name(self.trace, "fc1: Linear")[0]["className"], "Linear")

    def test_groups_nest_and_hold_their_ops(self):
        groups = {g["id"]: g for g in self.trace["groups"]}
        root, fc1, body, relu, fc2 = self.trace["groups"]
        self.assertIsNone(root["parent"])
        self.assertEqual(fc1["parent"], root["id"])
        self.assertEqual(relu["parent"], body["id"])
        for g in groups.values():
            if g["parent"] is not None:
                p = groups[g["parent"]]
                self.assertTrue(p["startSeq"] < g["startSeq"] <= g["endSeq"] < p["endSeq"])
        inside = lambda g: [o["op"] for o in self.trace["ops"] if g["startSeq"] < o["seq"] < g["endSeq"]]  # noqa: E731
        self.assertEqual(inside(fc1), ["linear"])
        self.assertEqual(inside(relu), ["relu"])
        self.assertEqual(inside(root), ["linear", "relu", "linear"])

    def test_parameters_are_the_module_own_tensors_named_by_their_path(self):
        fc2 = by_name(self.trace, "1: Linear")[0]
        self.assertEqual([p["name"] for p in fc2["parameters"]], ["weight", "bias"])
        tensors = {t["id"]: t for t in self.trace["tensors"]}
        weight = tensors[fc2["parameters"][0]["tensorId"]]
        self.assertEqual(weight["names"], ["body.1.weight"])
        self.assertEqual(weight["shape"], [2, 4])
        self.assertEqual(weight["versions"][0]["data"]["values"], self.model.body[1].weight.detach().reshape(-1).tolist())
        self.assertEqual(by_name(self.trace, "body: Sequential")[0]["parameters"], [])

    def test_the_backward_pass_reaches_every_parameter(self):
        (p,) = self.trace["backwardPasses"]
        written = {a["tensorId"] for a in p["accumulations"]}
        params = {q["tensorId"] for g in self.trace["groups"] for q in g.get("parameters", [])}
        self.assertEqual(written, params)
        steps = [s["name"] for s in p["steps"]]
        self.assertEqual(steps[0], "MeanBackward0")
        self.assertEqual(steps.count("AccumulateGrad"), 4)
        after = {a["tensorId"]: a["after"]["values"] for a in p["accumulations"]}
        fc1 = by_name(self.trace, "fc1: Linear")[0]["parameters"][0]["tensorId"]
        self.assertEqual(after[fc1], self.model.fc1.weight.grad.reshape(-1).tolist())


class FromOutput(unittest.TestCase):
    def test_the_graph_behind_an_output_with_parameter_names_like_make_dot(self):
        torch.manual_seed(0)
        model = Net()
        y = model(torch.ones(1, 3)).sum()
        trace = grad_graph.from_output(y, params=dict(model.named_parameters())).data
        self.assertEqual(trace["ops"], [])
        self.assertEqual(trace["backwardPasses"], [])
        names = {g["name"] for g in trace["gradFns"]}
        self.assertTrue({"SumBackward0", "AddmmBackward0", "ReluBackward0", "TBackward0", "AccumulateGrad"} <= names)
        leaves = sorted(n for t in trace["tensors"] for n in t["names"])
        self.assertEqual(leaves, sorted(n for n, _ in model.named_parameters()))


class Pages(unittest.TestCase):
    def test_html_inlines_the_trace_as_data_and_nothing_in_it_can_close_the_script(self):
        with grad_graph.record() as rec:
            print("</script><img src=x onerror=alert(1)>")
            x = torch.ones(2, requires_grad=True)
            (x * 2).sum().backward()
        with tempfile.TemporaryDirectory() as tmp:
            path = grad_graph.html(os.path.join(tmp, "g.html"), script_url="https://example.org/grad-graph.js")
            text = read(path)
        self.assertIn('<script type="module" src="https://example.org/grad-graph.js"></script>', text)
        self.assertNotIn("</script><img", text)
        start = text.index('id="grad-graph-trace">') + len('id="grad-graph-trace">')
        data = json.loads(text[start : text.index("</script>", start)])
        self.assertEqual(data["output"], "</script><img src=x onerror=alert(1)>\n")

    def test_html_inlines_the_bundle_when_given(self):
        with tempfile.TemporaryDirectory() as tmp:
            bundle = os.path.join(tmp, "b.js")
            with open(bundle, "w") as f:
                f.write("customElements.define('x-y', class extends HTMLElement {}); // </script>")
            trace = grad_graph.from_output(torch.ones(1, requires_grad=True) * 2)
            text = read(trace.html(os.path.join(tmp, "g.html"), bundle=bundle))
        self.assertIn("customElements.define('x-y'", text)
        self.assertIn("<\\/script>", text)
        self.assertIn('<grad-graph view="autograd">', text)

    def test_without_a_bundle_html_says_what_to_do(self):
        from grad_graph import _html

        with self.assertRaisesRegex(FileNotFoundError, "npm run build"):
            _html.page("{}", bundle=os.path.join(tempfile.gettempdir(), "no-such-bundle.js"))


class Recording(unittest.TestCase):
    def test_names_spans_and_an_error_inside_the_block(self):
        with self.assertRaises(RuntimeError):
            with grad_graph.record() as rec:
                a = torch.tensor([1.0, 2.0], requires_grad=True)
                b = a * 3
                line = sys._getframe().f_lineno
                b.backward()  # not a scalar: PyTorch refuses before its engine runs
        trace = rec.trace.data
        names = [t["names"] for t in trace["tensors"]]
        self.assertEqual(names, [["a"], ["b"]])
        mul = trace["ops"][1]
        self.assertEqual((mul["op"], mul["span"]["line"], mul["span"]["column"]), ("mul", line - 1, 21))
        self.assertEqual(trace["backwardPasses"], [])
        self.assertEqual(trace["error"]["type"], "RuntimeError")
        self.assertIn("grad can be implicitly created only for scalar outputs", trace["error"]["message"])
        self.assertEqual(trace["error"]["span"]["line"], line + 1)

    def test_big_tensors_keep_pytorchs_summary(self):
        with grad_graph.record(value_limit=100) as rec:
            w = torch.zeros(20, 20)
        data = rec.trace.data["tensors"][0]["versions"][0]["data"]
        self.assertIsNone(data["values"])
        self.assertEqual(data["text"], repr(w))


@unittest.skipUnless(torch.cuda.is_available(), "no CUDA device: torch.cuda.is_available() is False")
class Cuda(unittest.TestCase):
    def run_on(self, device):
        torch.manual_seed(0)
        model = Net().to(device)
        with grad_graph.record() as rec:
            loss = model(torch.ones(2, 3, device=device)).sum()
            loss.backward()
        return rec.trace.data

    def test_cuda_tensors_record_the_same_graph_and_values_as_on_the_cpu(self):
        cpu, gpu = self.run_on("cpu"), self.run_on("cuda")
        self.assertEqual([o["op"] for o in gpu["ops"]], [o["op"] for o in cpu["ops"]])
        self.assertEqual([s["name"] for s in gpu["backwardPasses"][0]["steps"]], [s["name"] for s in cpu["backwardPasses"][0]["steps"]])
        for a, b in zip(gpu["backwardPasses"][0]["accumulations"], cpu["backwardPasses"][0]["accumulations"]):
            for x, y in zip(a["after"]["values"], b["after"]["values"]):
                self.assertAlmostEqual(x, y, places=5)


if __name__ == "__main__":
    unittest.main()
