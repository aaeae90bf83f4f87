"""Where the project lives, in one place.

The address is a placeholder until the repository is published: change it here. The documents and
the VS Code extension, which cannot import it, are checked against it by tests/api/test_project.py.
"""

REPOSITORY = "https://github.com/nianbao/nianbao"
RULES_DOC = f"{REPOSITORY}/blob/main/docs/rules.md"  # a rule's section is its code in lower case
