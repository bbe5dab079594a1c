"""提案通: the desktop program for CPPCC proposals (政协提案)."""
