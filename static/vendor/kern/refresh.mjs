// Refresh the vendored KERN UX files from node_modules/@kern-ux/native.
//
// Usage (from the repository root): npm ci && npm run vendor:kern
//
// Copies kern.min.css, LICENSE.md, fonts/fira-sans.css and exactly the Fira Sans
// woff2 files that fira-sans.css references; removes woff2 files it no longer
// references. Nothing else of the package is vendored.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const target = dirname(fileURLToPath(import.meta.url));
const root = resolve(target, "..", "..", "..");
const pkgDir = join(root, "node_modules", "@kern-ux", "native");

if (!existsSync(pkgDir)) {
  console.error(`${pkgDir} fehlt – bitte zuerst "npm ci" ausführen.`);
  process.exit(1);
}

const { version } = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));

function copy(from, to) {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
  console.log(`  ${relative(root, to)}`);
}

console.log(`@kern-ux/native ${version} -> ${target}`);
copy(join(pkgDir, "dist", "kern.min.css"), join(target, "kern.min.css"));
copy(join(pkgDir, "LICENSE.md"), join(target, "LICENSE.md"));

const fontCss = join(pkgDir, "dist", "fonts", "fira-sans.css");
copy(fontCss, join(target, "fonts", "fira-sans.css"));

// Only the font files the stylesheet actually uses (url("./fira-sans/<name>.woff2")).
const wanted = new Set();
for (const match of readFileSync(fontCss, "utf8").matchAll(/url\(\s*["']?\.\/fira-sans\/([^"')]+\.woff2)["']?\s*\)/g)) {
  wanted.add(match[1]);
}
if (wanted.size === 0) {
  console.error("fira-sans.css verweist auf keine woff2-Datei – Paketstruktur geändert?");
  process.exit(1);
}
const fontTarget = join(target, "fonts", "fira-sans");
mkdirSync(fontTarget, { recursive: true });
for (const name of readdirSync(fontTarget)) {
  if (name.endsWith(".woff2") && !wanted.has(name)) {
    rmSync(join(fontTarget, name));
    console.log(`  entfernt: fonts/fira-sans/${name}`);
  }
}
for (const name of [...wanted].sort()) {
  copy(join(pkgDir, "dist", "fonts", "fira-sans", name), join(fontTarget, name));
}
console.log(`Fertig: ${wanted.size} Schriftdateien. README.md (Version) bei Bedarf anpassen.`);
