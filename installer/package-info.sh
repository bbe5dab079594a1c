# What the installers call the program (sourced by the build and test scripts).
APPID=org.tiantong.desktop
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -n 1)
# What the bundle takes from the system (installer/tiantong.spec leaves these out of it): the C++
# runtime, OpenGL, fonts, GLib, D-Bus, X11 and the Qt xcb libraries; and a Chinese font.  glibc's
# version is read off the bundle by build-deb.sh.
DEB_DEPENDS="libstdc++6, libgcc-s1 | libgcc1, libgl1, libegl1, libfontconfig1, libfreetype6, libglib2.0-0, libdbus-1-3, libx11-6, libx11-xcb1, libxcb1, libxcb-glx0, libxcb-render0, libxcb-shm0, libxcb-sync1, libxcb-xfixes0, libxcb-xkb1, libxcb-util1, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, libxcb-render-util0, libxcb-image0, libxcb-randr0, libxkbcommon0, libxkbcommon-x11-0, fonts-noto-cjk | fonts-wqy-microhei"
