# What the installers call the program (sourced by the build and test scripts).
APPID=org.tiantong.desktop
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -n 1)
# the Qt xcb libraries the bundle loads on a desktop, and a Chinese font
DEB_DEPENDS="libc6 (>= 2.36), libgl1, libegl1, libfontconfig1, libglib2.0-0, libdbus-1-3, libxkbcommon0, libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, libxcb-render-util0, libxcb-image0, fonts-noto-cjk | fonts-wqy-microhei"
