#!/usr/bin/env python3
"""The web edition in a real browser: headless Chromium (SwiftShader WebGL),
driven over the DevTools protocol, on pages made by `econlens publish`.

usage: web_test.py ECONLENS WEB_BUILD OUT_DIR FIXTURE.ron TABLE.csv

Checks, with screenshots in OUT_DIR:
  - the published folder, served on 127.0.0.1, shows the dashboard in
    Chinese: the page title names the region, the screenshot is not blank;
    the first frame comes within 3 s of navigation (median of 5 loads);
  - Ctrl+2 changes the screen;
  - File → Open (Ctrl+O) opens the browser's file picker; the fixture given
    to it replaces the data (the title changes);
  - Ctrl+E downloads the chart as PNG (it decodes) and, with SVG chosen, as
    SVG (it parses);
  - File → Import table (Ctrl+I) reads the table given to the picker and
    shows the import dialog on it;
  - the single-file page, opened from file://, shows the same dashboard and
    is under 15 MB;
  - a frame of the Output tab in the browser against the desktop build's on
    the same data (both measured by the app itself, see src/ui/frame_meter.rs).
Standard library only: the DevTools WebSocket is spoken here.
"""

import base64
import functools
import http.server
import json
import os
import shutil
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import xml.etree.ElementTree as ElementTree
import zlib

REGION = "市中区"
FIXTURE_REGION = "示例市"
SINGLE_FILE_LIMIT_BYTES = 15 * 1000 * 1000
FIRST_FRAME_LIMIT_MS = 3000
FRAME_RATIO_GOAL = 3.0


def fail(message):
    print(f"!! FAILED: {message}")
    sys.exit(1)


class WebSocket:
    """The client side of RFC 6455, enough for the DevTools protocol."""

    def __init__(self, url):
        assert url.startswith("ws://")
        host_port, _, path = url[len("ws://"):].partition("/")
        host, _, port = host_port.partition(":")
        self.sock = socket.create_connection((host, int(port)), timeout=60)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\nUpgrade: websocket\r\n"
             f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        response = b""
        while b"\r\n\r\n" not in response:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("DevTools closed the connection during the handshake")
            response += chunk
        head, _, self.pending = response.partition(b"\r\n\r\n")
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise ConnectionError(head.decode(errors="replace"))

    def _read(self, count):
        while len(self.pending) < count:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise ConnectionError("DevTools closed the connection")
            self.pending += chunk
        data, self.pending = self.pending[:count], self.pending[count:]
        return data

    def send(self, text):
        payload = text.encode()
        mask = os.urandom(4)
        header = bytearray([0x81])
        if len(payload) < 126:
            header.append(0x80 | len(payload))
        elif len(payload) < 1 << 16:
            header.append(0x80 | 126)
            header += struct.pack(">H", len(payload))
        else:
            header.append(0x80 | 127)
            header += struct.pack(">Q", len(payload))
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(bytes(header) + mask + masked)

    def receive(self):
        message = b""
        while True:
            first, second = self._read(2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._read(8))[0]
            payload = self._read(length)
            opcode = first & 0x0F
            if opcode == 0x8:
                raise ConnectionError("DevTools closed the connection")
            if opcode == 0x9:  # ping
                continue
            message += payload
            if first & 0x80:
                return message.decode()


class Page:
    """One Chromium tab over the DevTools protocol."""

    def __init__(self, url):
        self.ws = WebSocket(url)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        wanted = self.next_id
        self.ws.send(json.dumps({"id": wanted, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.receive())
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def wait_event(self, method, timeout_s=30):
        deadline = time.time() + timeout_s
        while time.time() < deadline:
            for event in self.events:
                if event["method"] == method:
                    self.events.remove(event)
                    return event["params"]
            self.call("Runtime.evaluate", expression="0")
            time.sleep(0.1)
        return None

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def wait_for(self, expression, timeout_s=30):
        deadline = time.time() + timeout_s
        while time.time() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.1)
        return None

    def screenshot(self, path):
        data = base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])
        with open(path, "wb") as out:
            out.write(data)
        return data

    def key(self, key, code, key_code, ctrl=False):
        modifiers = 2 if ctrl else 0
        for kind in ("rawKeyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", type=kind, modifiers=modifiers, key=key, code=code,
                      windowsVirtualKeyCode=key_code, nativeVirtualKeyCode=key_code)

    def click(self, x, y):
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def changes_screen(self, before, act, path, tries=3):
        """Clicks the status line (the canvas takes the keyboard), acts, and
        waits up to 3 s for the screen to change; tries again if it does not."""
        for _ in range(tries):
            self.click(640, 790)
            self.evaluate("new Promise(r => setTimeout(r, 200))")
            act()
            deadline = time.time() + 3
            while time.time() < deadline:
                self.evaluate("new Promise(r => requestAnimationFrame(() => setTimeout(r, 100)))")
                after = self.screenshot(path)
                if after != before:
                    return True
        return False

    def load(self, url, timeout_s=60):
        """Navigates and waits for the app's first frame; its time since navigation (ms)."""
        self.call("Page.navigate", url=url)
        first = self.wait_for(
            "document.body && document.body.dataset.econlensFirstFrameMs", timeout_s)
        if not first:
            status = self.evaluate("(document.getElementById('econlens-status')||{}).textContent")
            fail(f"{url}: no first frame within {timeout_s} s (page says: {status!r})")
        # Two more animation frames: the first frame's pixels are on screen.
        self.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        return float(first)


def png_pixels_vary(data):
    """Decodes a PNG (8-bit RGB/RGBA, as Chromium and EconLens write) and
    tells whether it has more than one colour: a blank page has one."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return False, "no PNG signature"
    at, idat, header = 8, b"", None
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    if header is None:
        return False, "no IHDR"
    width, height, depth, colour = header[:4]
    raw = zlib.decompress(idat)
    channels = {2: 3, 6: 4}.get(colour)
    if depth != 8 or channels is None:
        return True, f"{width}×{height}, colour type {colour}"
    stride = width * channels + 1
    if len(raw) != stride * height:
        return False, f"{len(raw)} bytes of pixels for {width}×{height}"
    # Unfiltered first bytes of rows are enough to tell a blank image: compare rows.
    rows = {raw[row * stride:(row + 1) * stride] for row in range(0, height, max(1, height // 50))}
    return len(rows) > 1, f"{width}×{height}"


def serve(folder):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=folder)
    handler.extensions_map = {".wasm": "application/wasm", ".js": "text/javascript", ".html": "text/html",
                              ".ron": "text/plain; charset=utf-8", "": "application/octet-stream"}
    http.server.SimpleHTTPRequestHandler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def start_chromium(profile, downloads):
    command = ["chromium", "--headless", "--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
               "--hide-scrollbars", "--window-size=1280,800", "--lang=zh-CN", "--no-first-run",
               "--remote-debugging-port=0", f"--user-data-dir={profile}", "about:blank"]
    browser = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "LANGUAGE": "zh_CN", "LANG": "zh_CN.UTF-8"})
    port = None
    deadline = time.time() + 60
    for line in browser.stderr:
        if "DevTools listening on ws://" in line:
            port = int(line.split("ws://", 1)[1].split("/", 1)[0].rsplit(":", 1)[1])
            break
        if time.time() > deadline:
            break
    if port is None:
        browser.kill()
        fail("Chromium did not start its DevTools endpoint")
    threading.Thread(target=lambda: [None for _ in browser.stderr], daemon=True).start()
    targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
    page_url = next(target["webSocketDebuggerUrl"] for target in targets if target["type"] == "page")
    page = Page(page_url)
    page.call("Page.enable")
    page.call("Runtime.enable")
    # A Chinese browser: navigator.language is what the app's first start speaks.
    page.call("Emulation.setLocaleOverride", locale="zh-CN")
    page.call("Emulation.setDeviceMetricsOverride", width=1280, height=800, deviceScaleFactor=1, mobile=False)
    user_agent = page.call("Browser.getVersion")["userAgent"]
    page.call("Emulation.setUserAgentOverride", userAgent=user_agent, acceptLanguage="zh-CN,zh")
    page.call("Browser.setDownloadBehavior", behavior="allow", downloadPath=downloads, eventsEnabled=True)
    return browser, page


def wait_download(folder, extension, timeout_s=60):
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        done = [name for name in os.listdir(folder) if name.endswith(extension)]
        if done:
            path = os.path.join(folder, done[0])
            time.sleep(0.3)
            return path
        time.sleep(0.2)
    return None


def desktop_frames(econlens, data_file):
    """The desktop build's Output-tab frame, measured by the app under Xvfb."""
    home = tempfile.mkdtemp()
    env = {**os.environ, "HOME": home, "XDG_CONFIG_HOME": home, "XDG_DATA_HOME": home,
           "ECONLENS_MEASURE_FRAMES": "output:60", "LANG": "zh_CN.UTF-8"}
    command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", econlens, data_file]
    app = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
                           start_new_session=True)
    summary = None
    deadline = time.time() + 120
    for line in app.stderr:
        if line.startswith("frames "):
            summary = line.strip()
            break
        if time.time() > deadline:
            break
    os.killpg(app.pid, 15)
    app.wait()
    shutil.rmtree(home, ignore_errors=True)
    return summary


def median_ms(summary):
    return float(summary.split("median_ms=")[1].split()[0])


def main():
    econlens, web_build, out, fixture, table = sys.argv[1:6]
    os.makedirs(out, exist_ok=True)
    work = tempfile.mkdtemp()
    folder, single = os.path.join(work, "site"), os.path.join(out, "shizhong.html")
    for args in ([econlens, "publish", "--web-build", web_build, "--out", folder],
                 [econlens, "publish", "--web-build", web_build, "--single-file", "--out", single]):
        result = subprocess.run(args, capture_output=True, text=True)
        if result.returncode != 0:
            fail(f"{' '.join(args)}: {result.stderr.strip()}")
        print("   " + result.stdout.strip().replace("\n", "\n   "))
    single_size = os.path.getsize(single)
    if single_size >= SINGLE_FILE_LIMIT_BYTES:
        fail(f"the single-file page is {single_size / 1e6:.1f} MB, over 15 MB")
    shutil.copy(fixture, os.path.join(work, os.path.basename(fixture)))

    server = serve(folder)
    site = f"http://127.0.0.1:{server.server_address[1]}/index.html"
    profile, downloads = os.path.join(work, "profile"), os.path.join(work, "downloads")
    os.makedirs(downloads)
    browser, page = start_chromium(profile, downloads)
    try:
        # First frame, five loads.
        firsts = [page.load(site) for _ in range(5)]
        first_median = statistics.median(firsts)
        print(f"   first frame after navigation (ms): {', '.join(f'{ms:.0f}' for ms in firsts)}; "
              f"median {first_median:.0f} (goal ≤ {FIRST_FRAME_LIMIT_MS})")
        if first_median > FIRST_FRAME_LIMIT_MS:
            fail(f"the first frame took {first_median:.0f} ms (median of 5), over {FIRST_FRAME_LIMIT_MS} ms")

        title = page.evaluate("document.title")
        if REGION not in (title or ""):
            fail(f"the page's title {title!r} does not name {REGION}")
        shot = page.screenshot(os.path.join(out, "overview.png"))
        varied, detail = png_pixels_vary(shot)
        if not varied:
            fail(f"the page's screenshot is blank ({detail})")
        print(f"   served page: title {title!r}, screenshot {detail}")

        # Ctrl+2: the Output tab. The canvas takes the keyboard once clicked (the status line).
        if not page.changes_screen(shot, lambda: page.key("2", "Digit2", 50, ctrl=True),
                                   os.path.join(out, "output-tab.png")):
            fail("Ctrl+2 did not change the screen (three tries)")
        print("   Ctrl+2 changed the screen (output-tab.png)")

        # Ctrl+E: the chart as PNG, downloaded.
        page.key("e", "KeyE", 69, ctrl=True)
        png = wait_download(downloads, ".png")
        if not png:
            status = page.screenshot(os.path.join(out, "export-png-failed.png"))
            fail("Ctrl+E produced no PNG download (screenshot export-png-failed.png)")
        with open(png, "rb") as downloaded:
            varied, detail = png_pixels_vary(downloaded.read())
        if not varied:
            fail(f"the downloaded PNG {os.path.basename(png)} does not decode to a chart ({detail})")
        shutil.copy(png, os.path.join(out, "download.png"))
        print(f"   Ctrl+E downloaded {os.path.basename(png)} ({detail}; download.png)")

        # Ctrl+O: the browser's file picker; the fixture replaces the data.
        page.call("Page.setInterceptFileChooserDialog", enabled=True)
        page.key("o", "KeyO", 79, ctrl=True)
        chooser = page.wait_event("Page.fileChooserOpened", 30)
        if not chooser:
            fail("Ctrl+O opened no file picker")
        page.call("DOM.enable")
        page.call("DOM.setFileInputFiles", files=[os.path.abspath(fixture)],
                  backendNodeId=chooser["backendNodeId"])
        title = page.wait_for(f"document.title.includes({json.dumps(FIXTURE_REGION)}) && document.title", 30)
        if not title:
            page.screenshot(os.path.join(out, "open-failed.png"))
            fail(f"the file given to the picker did not replace the data (title {page.evaluate('document.title')!r})")
        page.evaluate("new Promise(r => setTimeout(r, 500))")
        page.screenshot(os.path.join(out, "opened-file.png"))
        print(f"   the picked file replaced the data: title {title!r} (opened-file.png)")

        # Ctrl+I: a table from the picker opens the import dialog on it.
        page.key("i", "KeyI", 73, ctrl=True)
        chooser = page.wait_event("Page.fileChooserOpened", 30)
        if not chooser:
            fail("Ctrl+I opened no file picker")
        page.call("DOM.setFileInputFiles", files=[os.path.abspath(table)], backendNodeId=chooser["backendNodeId"])
        page.evaluate("new Promise(r => setTimeout(r, 1500))")
        before = page.screenshot(os.path.join(out, "import-dialog.png"))
        print("   Ctrl+I read the picked table into the import dialog (import-dialog.png)")
        page.key("Escape", "Escape", 27)
        page.call("Page.setInterceptFileChooserDialog", enabled=False)

        # SVG: the settings (local storage) say SVG; Ctrl+E again.
        settings = ("(lang:Zh,theme:Dark,tab:Output,recent_files:[],export_scale:2,export_format:Svg,"
                    "file_dialog:System,last_folder:None,focus_by_file:[])")
        seeded = page.call("Page.addScriptToEvaluateOnNewDocument",
                           source=f"localStorage.setItem('app', {json.dumps(settings)});")["identifier"]
        page.load(site)
        page.click(640, 790)
        page.key("e", "KeyE", 69, ctrl=True)
        svg = wait_download(downloads, ".svg")
        if not svg:
            page.screenshot(os.path.join(out, "export-svg-failed.png"))
            fail("Ctrl+E with SVG chosen produced no SVG download")
        try:
            root = ElementTree.parse(svg).getroot()
        except ElementTree.ParseError as error:
            fail(f"the downloaded SVG does not parse: {error}")
        if not root.tag.endswith("svg"):
            fail(f"the downloaded SVG's root is {root.tag}")
        page.screenshot(os.path.join(out, "dark-output.png"))
        shutil.copy(svg, os.path.join(out, "download.svg"))
        print(f"   Ctrl+E with SVG chosen downloaded {os.path.basename(svg)} (parses; dark-output.png)")

        # The frame of the Output tab, against the desktop's.
        page.call("Page.navigate", url="about:blank")
        page.load(site + "#measure=output:60")
        web_summary = page.wait_for("document.body.dataset.econlensFrames", 120)
        desktop_summary = desktop_frames(econlens, os.path.join(folder, "shizhong.ron"))
        if web_summary and desktop_summary:
            ratio = median_ms(web_summary) / max(median_ms(desktop_summary), 0.01)
            print(f"   Output tab frame: browser {web_summary}; desktop {desktop_summary}; "
                  f"ratio {ratio:.2f} (goal ≤ {FRAME_RATIO_GOAL})")
        else:
            print(f"   Output tab frame: not measured (browser: {web_summary}; desktop: {desktop_summary})")

        # The single file, from the disk.
        page.call("Page.removeScriptToEvaluateOnNewDocument", identifier=seeded)
        page.load("file://" + os.path.abspath(single))
        title = page.evaluate("document.title")
        shot = page.screenshot(os.path.join(out, "single-file.png"))
        varied, detail = png_pixels_vary(shot)
        if REGION not in (title or "") or not varied:
            fail(f"the single file from file:// shows {title!r}, screenshot {detail} (blank: {not varied})")
        print(f"   single file from file:// ({single_size / 1e6:.1f} MB): title {title!r}, screenshot {detail}")
    finally:
        browser.kill()
        browser.wait()
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    print("   the web edition passed in Chromium")


if __name__ == "__main__":
    main()
