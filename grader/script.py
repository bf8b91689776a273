"""Import one of the project's Python scripts (scripts/flake-check,
scripts/handout, grader/contrib/parallel-grade: no .py suffix, so no plain
`import`) as a module, for the tests and tools that call its functions."""
import importlib.machinery
import importlib.util


def load_script(path, name):
    """The script at `path` run as a module called `name` (its main() not called)."""
    loader = importlib.machinery.SourceFileLoader(name, str(path))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(name, loader))
    loader.exec_module(module)
    return module
