// Shared by both published forms: the data the page carries, then the app.
window.econlensRunning = true;
function econlensProblem(text) {
  const status = document.getElementById("econlens-status");
  if (status) status.textContent = text;
}
function econlensBytes(base64) {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
// The data file: fetched beside the page (a folder), or inlined (a single file).
async function econlensData() {
  const data = document.getElementById("econlens-data");
  if (!data) return;
  if (data.dataset.src) {
    const response = await fetch(data.dataset.src);
    if (!response.ok) throw new Error(data.dataset.src + ": HTTP " + response.status);
    data.textContent = await response.text();
  } else if (data.dataset.encoding === "base64") {
    data.textContent = new TextDecoder().decode(econlensBytes(data.textContent.trim()));
  }
}
async function econlensStart(init, wasm) {
  try {
    await econlensData();
    await init({ module_or_path: await wasm() });
  } catch (error) {
    econlensProblem("EconLens 无法启动：" + error + " / EconLens cannot start: " + error);
    throw error;
  }
}
