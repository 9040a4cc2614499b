# Sourced by scripts/test. Makes sure Debian's Chromium and its chromedriver are at
# /usr/bin/chromium and /usr/bin/chromedriver for the operations console's browser tests
# (OpsConsole*BrowserTest, which fail without them). Installs them when missing (as root);
# runs apt-get update only when the install fails without it.

chromium_ensure() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    echo "chromium: using $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"
    return 0
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "chromium: /usr/bin/chromium or /usr/bin/chromedriver is missing; install them" \
      "(apt-get install chromium chromium-driver), or the browser tests fail" >&2
    return 1
  fi
  echo "chromium: installing chromium and chromium-driver"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      chromium chromium-driver >/dev/null
  fi
}
