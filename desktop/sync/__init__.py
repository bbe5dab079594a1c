"""Exchange by file: sites, packages, merge, ledgers (issue: exchange by file)."""
