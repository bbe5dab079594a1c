"""The frozen program's entry point (PyInstaller): the same main as ``tian``."""
import sys

from desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
