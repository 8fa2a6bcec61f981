// CMS's validator (@cmsgov/hpt-validator) on standard-charges files, for pricing/validation.py.
//
//   node pricing/validate.mjs <json|csv> <path> <public file name> [<json|csv> <path> <name> ...]
//
// Prints one JSON array: for each file {name, name_valid, valid, errors, alerts}, where `valid` is
// the validator's own verdict (which ignores alerts) and errors and alerts are {path, field, message}.
// The files are streamed from disk: a file of a million rates is never held in memory whole.
import { createReadStream } from "node:fs";
import { validateCsv, validateFilename, validateJson } from "@cmsgov/hpt-validator";

const VERSION = "v3.0.0";
const MAX_MESSAGES = 100;

function plain(message) {
  return { path: String(message.path ?? ""), field: message.field ?? null, message: String(message.message) };
}

async function check(format, path, name) {
  const validate = format === "json" ? validateJson : validateCsv;
  const result = await validate(createReadStream(path), VERSION, { maxErrors: MAX_MESSAGES });
  return {
    name,
    name_valid: validateFilename(name),
    valid: result.valid,
    errors: result.errors.map(plain),
    alerts: result.alerts.map(plain),
  };
}

const args = process.argv.slice(2);
if (args.length === 0 || args.length % 3 !== 0) {
  console.error("usage: validate.mjs <json|csv> <path> <name> [...]");
  process.exit(2);
}
const results = [];
for (let i = 0; i < args.length; i += 3) {
  results.push(await check(args[i], args[i + 1], args[i + 2]));
}
process.stdout.write(JSON.stringify(results));
