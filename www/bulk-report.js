// A bulk run's report as files to download: the package's JSON as it is (a later
// `resume: report` can read it back), and a CSV with one line per item for a spreadsheet
// (written by papaparse, the same library that reads the console's CSVs).

import Papa from "papaparse";
import { formatIssue } from "seam-acs-cli/csv";
import { h } from "./ui.js";

/**
 * One line per item of `report`. `rowOf(index)` gives the input line an item came from
 * (a CSV's row number), or undefined; `skipped` lists the input's rows left out of the run
 * for their problems (`{ row, column, message }`), as "skipped" lines.
 */
export function reportCsv(report, { rowOf = () => undefined, skipped = [] } = {}) {
  const lines = report.items.map((item) => ({
    row: rowOf(item.index) ?? "",
    index: item.index,
    status: item.status,
    acs_credential_id: item.credential?.acs_credential_id ?? "",
    acs_user_id: item.credential?.acs_user_id ?? "",
    code: item.credential?.code ?? "",
    error: errorText(item.error),
    request_id: item.error?.requestId ?? "",
    sent_at: item.sentAt == null ? "" : new Date(item.sentAt).toISOString(),
  }));
  for (const issue of skipped) lines.push({ row: issue.row, index: "", status: "skipped", error: formatIssue(issue) });
  return Papa.unparse(lines, {
    columns: ["row", "index", "status", "acs_credential_id", "acs_user_id", "code", "error", "request_id", "sent_at"],
  });
}

function errorText(error) {
  if (error == null) return "";
  if (Array.isArray(error.issues)) return error.issues.map((i) => `${i.path}: ${i.message}`).join("; ");
  return [error.code ?? error.name, error.message].filter(Boolean).join(": ");
}

/**
 * Download links for the report (object URLs of Blobs; the old ones are revoked when
 * the links are replaced).
 */
export function reportLinks(report, { name, rowOf, skipped }) {
  const files = [
    ["json", "application/json", JSON.stringify(report, null, 2)],
    ["csv", "text/csv", reportCsv(report, { rowOf, skipped })],
  ];
  return files.map(([ext, type, text]) =>
    h(
      "a",
      {
        class: "button",
        href: URL.createObjectURL(new Blob([text], { type })),
        download: `${name}.${ext}`,
        testid: `bulk-download-${ext}`,
      },
      `Download ${ext.toUpperCase()}`,
    ),
  );
}

/** Revokes the object URLs of links made by reportLinks inside `box`. */
export function revokeLinks(box) {
  for (const a of box.querySelectorAll("a[download]")) URL.revokeObjectURL(a.href);
}
