"""Copies grad-graph's one-file bundle (../dist/grad-graph.js, written by `npm run build`) into the
package when it is there, so `grad_graph.html()` can inline it after `pip install ./python`."""
import os
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = os.path.dirname(os.path.abspath(__file__))
BUNDLE = os.path.join(HERE, "..", "dist", "grad-graph.js")


class BuildWithBundle(build_py):
    def run(self):
        super().run()
        if os.path.isfile(BUNDLE):
            target = os.path.join(self.build_lib, "grad_graph", "grad-graph.js")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(BUNDLE, target)


setup(cmdclass={"build_py": BuildWithBundle})
