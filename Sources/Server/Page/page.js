// The page at GET /: sends the typed sentences to POST /translate with attention, and shows each
// translation with its attention as source/target units and a heat map. Hovering or focusing a
// target unit (Tab reaches them, the arrow keys move between them) shades every source unit by
// the weight that target unit gave it. Nothing is loaded from anywhere but this server.
"use strict";

// ColorBrewer "Blues", white → dark blue, the scale of `nmt translate --attention-svg`.
const BLUES = [0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x08519c, 0x08306b];
const LANGUAGES = { en: "English", de: "German", fr: "French", cs: "Czech", es: "Spanish", it: "Italian" };

/** The scale's color for a weight in [0, 1], interpolated linearly in sRGB between the stops. */
function blue(weight) {
  const position = Math.min(Math.max(weight, 0), 1) * (BLUES.length - 1);
  const lower = Math.min(Math.floor(position), BLUES.length - 2);
  const fraction = position - lower;
  const channel = (shift) => {
    const from = (BLUES[lower] >> shift) & 0xff, to = (BLUES[lower + 1] >> shift) & 0xff;
    return Math.round(from + (to - from) * fraction);
  };
  return `rgb(${channel(16)}, ${channel(8)}, ${channel(0)})`;
}

/** Dark text on light cells, white on dark ones. */
function inkFor(weight) { return weight > 0.5 ? "#ffffff" : "#1b2430"; }

function element(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

const form = document.getElementById("translate-form");
const input = document.getElementById("sentences");
const beamInput = document.getElementById("beam");
const button = document.getElementById("translate");
const status = document.getElementById("status");
const errorBox = document.getElementById("error");
const results = document.getElementById("results");
const pairSelect = document.getElementById("pair");
const pairField = document.getElementById("pair-field");
pairSelect.addEventListener("change", () => showModel(Number(beamInput.max)));

/** The models served, from /info; the page translates with the one the pair menu names. */
let models = [];

async function loadInfo() {
  try {
    const response = await fetch("/info");
    const info = await response.json();
    models = info.models;
    const name = (code) => LANGUAGES[code] || code;
    pairSelect.replaceChildren(...models.map((model, index) =>
      element("option", { value: String(index) }, `${name(model.source_language)} → ${name(model.target_language)}`)));
    pairField.hidden = models.length < 2;
    beamInput.max = info.limits.max_beam;
    showModel(info.limits.max_beam);
  } catch (error) {
    showError(`Cannot read /info: ${error}`);
  }
}

/** The chosen model's direction, size and checkpoint in the header, and its beam. */
function showModel(maxBeam) {
  const model = models[Number(pairSelect.value) || 0];
  const name = (code) => LANGUAGES[code] || code;
  document.getElementById("direction").textContent = `${name(model.source_language)} → ${name(model.target_language)}`;
  document.getElementById("model-summary").textContent =
    `${parameterCount(model.model.parameters)} parameters, ${model.segmentation.kind} units, ` +
    `update ${model.checkpoint.update}, checkpoint sha256 ${model.checkpoint.sha256.slice(0, 12)}…`;
  beamInput.value = Math.min(model.translation.beam, maxBeam);
}

/** 21k, 14.2M. */
function parameterCount(count) {
  return count >= 1e6 ? `${(count / 1e6).toFixed(1)}M` : `${Math.round(count / 1e3)}k`;
}

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = false;
}

async function translate() {
  errorBox.hidden = true;
  const sentences = input.value.split("\n").filter((line) => line.trim().length > 0);
  if (sentences.length === 0) {
    showError("Type a sentence first.");
    input.focus();
    return;
  }
  button.disabled = true;
  results.setAttribute("aria-busy", "true");
  status.textContent = "Translating…";
  try {
    const response = await fetch("/translate", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        sentences, beam: Number(beamInput.value), attention: true,
        source: models[Number(pairSelect.value) || 0]?.source_language,
        target: models[Number(pairSelect.value) || 0]?.target_language,
      }),
    });
    const body = await response.json();
    if (!response.ok) {
      showError(body.error || `The server answered ${response.status}.`);
      status.textContent = "";
      return;
    }
    results.replaceChildren(...body.translations.map((translation, index) => renderResult(sentences[index], translation, index)));
    status.textContent = `Translated ${sentences.length} sentence${sentences.length === 1 ? "" : "s"}.`;
  } catch (error) {
    showError(`The request failed: ${error}`);
    status.textContent = "";
  } finally {
    button.disabled = false;
    results.removeAttribute("aria-busy");
  }
}

/** One sentence: its translation, score, units and heat map, wired for hover and keyboard. */
function renderResult(source, translation, index) {
  const article = element("article", { class: "result", "aria-label": `Sentence ${index + 1}` });
  article.append(element("p", { class: "source" }, source));
  article.append(element("p", { class: "translation" }, translation.text));
  if (translation.score !== null) {
    article.append(element("p", { class: "score" }, `score ${translation.score.toFixed(3)} (log-probability / length^α)`));
  }
  if (translation.target_tokens.length === 0) return article;

  const readoutId = `readout-${index}`;
  const sourceRow = element("div", { class: "units", "aria-label": "Source units" });
  sourceRow.append(element("span", { class: "side" }, "source"));
  const sourceUnits = translation.source_tokens.map((token) => element("span", { class: "unit" }, token));
  sourceRow.append(...sourceUnits);

  const targetRow = element("div", { class: "units", role: "toolbar", "aria-label": "Target units",
                                     "aria-describedby": readoutId });
  targetRow.append(element("span", { class: "side" }, "target"));
  const targetUnits = translation.target_tokens.map((token, t) =>
    element("button", { type: "button", class: "unit", tabindex: t === 0 ? "0" : "-1", "aria-pressed": "false" }, token));
  targetRow.append(...targetUnits);
  const readout = element("p", { class: "readout", id: readoutId, "aria-live": "polite" },
                          "Hover over or focus a target unit to see where the model looked.");

  const { table, rows, columnHeads } = heatMap(translation);
  article.append(sourceRow, targetRow, readout, table);

  const show = (t) => {
    const weights = translation.attention[t];
    sourceUnits.forEach((unit, i) => {
      unit.style.background = blue(weights[i]);
      unit.style.color = inkFor(weights[i]);
    });
    targetUnits.forEach((unit, j) => unit.setAttribute("aria-pressed", String(j === t)));
    rows.forEach((row, j) => row.classList.toggle("active", j === t));
    const strongest = Math.max(...weights);
    columnHeads.forEach((head, i) => head.classList.toggle("attended", weights[i] === strongest));
    readout.textContent = `“${translation.target_tokens[t]}” attended to ` + describe(translation.source_tokens, weights);
  };

  targetUnits.forEach((unit, t) => {
    unit.addEventListener("mouseenter", () => show(t));
    unit.addEventListener("focus", () => show(t));
    unit.addEventListener("click", () => show(t));
    unit.addEventListener("keydown", (event) => {
      const last = targetUnits.length - 1;
      const next = { ArrowRight: t + 1, ArrowDown: t + 1, ArrowLeft: t - 1, ArrowUp: t - 1, Home: 0, End: last }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      const target = Math.min(Math.max(next, 0), last);
      // Roving tabindex: the toolbar is one Tab stop, and it remembers the unit last visited.
      targetUnits.forEach((other, j) => other.setAttribute("tabindex", j === target ? "0" : "-1"));
      targetUnits[target].focus();
    });
  });
  rows.forEach((row, t) => row.addEventListener("mouseenter", () => show(t)));
  return article;
}

/** "dog (81%), the (12%), a (4%)": the source units with at least 5% of the weight, largest first. */
function describe(tokens, weights) {
  const ranked = tokens.map((token, i) => ({ token, weight: weights[i] }))
    .filter((entry) => entry.weight >= 0.05)
    .sort((a, b) => b.weight - a.weight);
  if (ranked.length === 0) return "no source unit with 5% or more.";
  return ranked.map((entry) => `${entry.token} (${Math.round(entry.weight * 100)}%)`).join(", ") + ".";
}

/** A table: a row per target unit, a column per source unit, each cell shaded by its weight. */
function heatMap(translation) {
  const table = element("table", { class: "heatmap" });
  table.append(element("caption", {}, "Attention: rows are target units, columns source units; darker is more weight."));
  const head = element("tr");
  head.append(element("th", { scope: "col" }, ""));
  const columnHeads = translation.source_tokens.map((token) => element("th", { scope: "col" }, token));
  head.append(...columnHeads);
  const thead = element("thead");
  thead.append(head);
  const tbody = element("tbody");
  const rows = translation.target_tokens.map((token, t) => {
    const row = element("tr");
    row.append(element("th", { scope: "row" }, token));
    translation.attention[t].forEach((weight, i) => {
      const cell = element("td", { title: `${token} → ${translation.source_tokens[i]}: ${weight.toFixed(3)}` });
      cell.style.background = blue(weight);
      row.append(cell);
    });
    tbody.append(row);
    return row;
  });
  table.append(thead, tbody);
  return { table, rows, columnHeads };
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  translate();
});
input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    form.requestSubmit();
  }
});
loadInfo();
