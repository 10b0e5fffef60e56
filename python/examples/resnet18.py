"""Measures the exporter on a ResNet-18 (torchvision's architecture, built here so torchvision is
not needed): seconds for forward + backward without and with recording, and the trace's size.
Run: PYTHONPATH=python /usr/bin/python3 python/examples/resnet18.py [--batch N] [--size S]"""
import argparse
import json
import os
import sys
import time

import torch
import torch.nn as nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import grad_graph  # noqa: E402


class BasicBlock(nn.Module):
    def __init__(self, inplanes, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = None
        if stride != 1 or inplanes != planes:
            self.downsample = nn.Sequential(nn.Conv2d(inplanes, planes, 1, stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + identity)


class ResNet18(nn.Module):
    def __init__(self, classes=1000):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        self.layer1 = nn.Sequential(BasicBlock(64, 64), BasicBlock(64, 64))
        self.layer2 = nn.Sequential(BasicBlock(64, 128, 2), BasicBlock(128, 128))
        self.layer3 = nn.Sequential(BasicBlock(128, 256, 2), BasicBlock(256, 256))
        self.layer4 = nn.Sequential(BasicBlock(256, 512, 2), BasicBlock(512, 512))
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(512, classes)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.fc(torch.flatten(self.avgpool(x), 1))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--size", type=int, default=224)
    parser.add_argument("--out", default=None, help="where to write the trace")
    opts = parser.parse_args()
    torch.manual_seed(0)
    model = ResNet18()
    x = torch.randn(opts.batch, 3, opts.size, opts.size)
    target = torch.randint(0, 1000, (opts.batch,))

    def step():
        model.zero_grad()
        loss = nn.functional.cross_entropy(model(x), target)
        loss.backward()

    step()  # warm up
    t0 = time.perf_counter()
    step()
    plain = time.perf_counter() - t0
    t0 = time.perf_counter()
    with grad_graph.record() as rec:
        step()
    recorded = time.perf_counter() - t0
    t0 = time.perf_counter()
    text = rec.trace.to_json()
    serialise = time.perf_counter() - t0
    if opts.out:
        with open(opts.out, "w", encoding="utf-8") as f:
            f.write(text)
    d = rec.trace.data
    print(
        json.dumps(
            {
                "torch": torch.__version__,
                "input": [opts.batch, 3, opts.size, opts.size],
                "plain_s": round(plain, 3),
                "recorded_s": round(recorded, 3),
                "to_json_s": round(serialise, 3),
                "trace_mb": round(len(text.encode("utf-8")) / 1e6, 2),
                "ops": len(d["ops"]),
                "tensors": len(d["tensors"]),
                "grad_fns": len(d["gradFns"]),
                "engine_steps": sum(len(p["steps"]) for p in d["backwardPasses"]),
                "groups": len(d["groups"]),
            }
        )
    )


if __name__ == "__main__":
    main()
