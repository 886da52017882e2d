#!/usr/bin/env python3
"""Drives the page of a running `nmt serve` in headless Chromium, as a person at a keyboard would.

    Tests/ServerTests/Page/page-check.py --url http://127.0.0.1:PORT/ --sentence "the cat runs ." \
        [--unit 2] [--screenshot docs/page.png] [--timeout 60]

Loads the page and, with the keyboard only, types the sentence key by key into the text box
(focused on load), presses Ctrl+Enter, waits for the translation, then presses Tab until a target
unit of the heat map has the focus and ArrowRight --unit times. Prints one JSON object read from the DOM: the translation, the source and
target units, the focused unit, the readout and the source units' shading, and, with
--screenshot, writes a PNG of the whole page in that state.

Speaks the DevTools protocol over --remote-debugging-pipe (file descriptors 3 and 4), so it needs
nothing but Python's standard library and Debian's chromium. Every wait is bounded by --timeout.
"""
import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


class Browser:
    """Headless Chromium with one page, driven over the DevTools pipe."""

    def __init__(self, executable, timeout, width=1000, height=800):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="nmt-page-check-")
        commands_read, self.commands = os.pipe()
        self.events, events_write = os.pipe()

        def wire_pipe():
            # In the child: the browser reads commands on fd 3 and writes to fd 4. The pipes were
            # made before Popen's own, so moving them there overwrites none of Popen's; pass_fds
            # keeps 3 and 4 open when the other descriptors are closed after this function.
            read, write = os.dup(commands_read), os.dup(events_write)
            os.dup2(read, 3)
            os.dup2(write, 4)

        self.process = subprocess.Popen(
            [executable, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--mute-audio",
             "--remote-debugging-pipe", f"--user-data-dir={self.profile}", f"--window-size={width},{height}",
             "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire_pipe, pass_fds=(3, 4))
        os.close(commands_read)
        os.close(events_write)
        self.next_id = 0
        self.buffer = b""
        self.pending_events = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime"):
            self.call(f"{domain}.enable", session=True)
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=True)

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("no answer from Chromium")
            chunk = os.read(self.events, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=False):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self.commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.pending_events.append(reply)

    def wait_for_event(self, method):
        deadline = time.monotonic() + self.timeout
        while True:
            for index, event in enumerate(self.pending_events):
                if event.get("method") == method:
                    return self.pending_events.pop(index)
            self.pending_events.append(self._read_message(deadline))

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_until(self, expression, what):
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.evaluate(expression):
                return
            time.sleep(0.05)
        raise TimeoutError(f"timed out waiting for {what}")

    def key(self, key, code, key_code, text=None, modifiers=0):
        down = {"type": "keyDown", "key": key, "code": code, "windowsVirtualKeyCode": key_code, "modifiers": modifiers}
        if text is not None:
            down["text"] = text
        self.call("Input.dispatchKeyEvent", down, session=True)
        self.call("Input.dispatchKeyEvent", {"type": "keyUp", "key": key, "code": code,
                                             "windowsVirtualKeyCode": key_code, "modifiers": modifiers}, session=True)

    def type_text(self, text):
        for character in text:
            self.key(character, "", ord(character.upper()) if character.isalnum() else 0, text=character)

    def screenshot(self, path):
        height = self.evaluate("Math.ceil(document.documentElement.scrollHeight)")
        width = self.evaluate("Math.ceil(document.documentElement.scrollWidth)")
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=True)
        data = self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session=True)["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


READ_STATE = """(() => {
  const result = document.querySelector('.result');
  const units = (selector) => [...result.querySelectorAll(selector)].map((unit) => unit.textContent);
  const focused = document.activeElement;
  return {
    translation: result.querySelector('.translation').textContent,
    source_units: units('.units:not([role=toolbar]) .unit'),
    target_units: units('[role=toolbar] .unit'),
    focused_unit: focused && focused.matches('[role=toolbar] .unit') ? focused.textContent : null,
    pressed_unit: (result.querySelector('[role=toolbar] .unit[aria-pressed=true]') || {}).textContent || null,
    readout: result.querySelector('.readout').textContent,
    source_shading: [...result.querySelectorAll('.units:not([role=toolbar]) .unit')].map((unit) => unit.style.background),
    heat_map_rows: result.querySelectorAll('table.heatmap tbody tr').length,
    active_row: [...result.querySelectorAll('table.heatmap tbody tr')].findIndex((row) => row.classList.contains('active')),
    error: document.getElementById('error').hidden ? null : document.getElementById('error').textContent,
  };
})()"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--sentence", required=True)
    parser.add_argument("--unit", type=int, default=0, help="ArrowRight presses after the first target unit has the focus")
    parser.add_argument("--screenshot")
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    arguments = parser.parse_args()
    if not shutil.which(arguments.chromium):
        sys.exit(f"page-check: no Chromium at '{arguments.chromium}' (scripts/install-deps.sh installs Debian's chromium)")

    browser = Browser(arguments.chromium, arguments.timeout)
    try:
        browser.call("Page.navigate", {"url": arguments.url}, session=True)
        browser.wait_for_event("Page.loadEventFired")
        browser.wait_until("document.getElementById('direction').textContent.length > 0", "the page to read /info")
        # No mouse anywhere: the text box has the focus on load (or Tab brings it).
        for _ in range(5):
            if browser.evaluate("document.activeElement === document.getElementById('sentences')"):
                break
            browser.key("Tab", "Tab", 9)
        browser.type_text(arguments.sentence)
        browser.key("Enter", "Enter", 13, modifiers=2)  # Ctrl+Enter
        browser.wait_until("document.querySelector('.result .translation') !== null"
                           " || !document.getElementById('error').hidden", "the translation")
        for _ in range(12):  # text box → beam → button → the first target unit
            if browser.evaluate("document.activeElement.matches('[role=toolbar] .unit')"):
                break
            browser.key("Tab", "Tab", 9)
        for _ in range(arguments.unit):
            browser.key("ArrowRight", "ArrowRight", 39)
        state = browser.evaluate(READ_STATE)
        state["typed"] = browser.evaluate("document.getElementById('sentences').value")
        if arguments.screenshot:
            browser.screenshot(arguments.screenshot)
        print(json.dumps(state, ensure_ascii=False))
    finally:
        browser.close()


if __name__ == "__main__":
    main()
