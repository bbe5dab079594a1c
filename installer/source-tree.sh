# copy_source SRC DEST: the project's files as a build takes them (sourced by build-deb.sh and
# build-windows.sh) -- no virtual environment, build output, caches or .git.
copy_source() {
    mkdir -p "$2"
    (cd "$1" && tar cf - --exclude=./.venv --exclude=./build --exclude=./dist --exclude=./.git \
        --exclude=./.hypothesis --exclude=./.pytest_cache --exclude=__pycache__ \
        --exclude='*.egg-info' .) | tar xf - -C "$2"
}
