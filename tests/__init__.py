"""The test suite as one package, so its helpers import by name (``tests.helpers``) without
anyone editing the import path; pytest puts the repository root on the path for a package's tests.
"""
