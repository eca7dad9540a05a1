// Builds the page's plotly.js with only the traces the atlas draws (see dashboard/plotly_bundle.py).
//
//   node dashboard/bundle/build_plotly.js <node_modules> <outfile> <trace>...
//
// <node_modules> holds plotly.js (the version the Python plotly package was made for) and
// esbuild, installed from npm by the Makefile. Stylesheets that plotly.js imports (maplibre's)
// are injected by the script itself, as in plotly.js's own bundles.
'use strict';

const fs = require('fs');
const path = require('path');

const [nodeModules, outfile, ...traces] = process.argv.slice(2);
if (!nodeModules || !outfile || traces.length === 0) {
    console.error('usage: build_plotly.js <node_modules> <outfile> <trace>...');
    process.exit(2);
}
const esbuild = require(path.resolve(nodeModules, 'esbuild'));
const version = require(path.resolve(nodeModules, 'plotly.js', 'package.json')).version;

// Plotly's core and the traces; if a map trace is there, maplibre's workers start with the
// script (not when the first map is built) and tiles are parsed by two workers at once
// (maplibre's default is half the processors: one on a two-core machine).
const entry = [
    "var Plotly = require('plotly.js/lib/core');",
    'Plotly.register([' + traces.map((t) => `require('plotly.js/lib/${t}')`).join(', ') + ']);',
    traces.some((t) => t.endsWith('map')) ? [
        "var maplibregl = require('maplibre-gl/dist/maplibre-gl.mjs');",
        "var workerSource = require('plotly.js/build/maplibre_worker');",
        'maplibregl.setWorkerCount(Math.max(2, maplibregl.getWorkerCount()));',
        "maplibregl.setWorkerUrl(URL.createObjectURL(new Blob([workerSource], {type: 'text/javascript'})));",
        'maplibregl.prewarm();',
    ].join('\n') : '',
    'module.exports = Plotly;',
].join('\n');

const inlineCss = {
    name: 'inline-css',
    setup(build) {
        build.onLoad({ filter: /\.css$/ }, async (args) => {
            const css = await fs.promises.readFile(args.path, 'utf8');
            const js = 'var s = document.createElement("style"); s.textContent = ' + JSON.stringify(css) +
                '; document.head.appendChild(s);';
            return { contents: js, loader: 'js' };
        });
    },
};

esbuild.build({
    stdin: { contents: entry, resolveDir: path.resolve(nodeModules), sourcefile: 'plotly-atlas.js' },
    nodePaths: [path.resolve(nodeModules)],
    outfile,
    format: 'iife',
    globalName: 'Plotly',
    bundle: true,
    minify: true,
    legalComments: 'inline',
    banner: { js: `/* plotly.js v${version} (MIT licence, Plotly, Inc.), traces: scatter ${traces.join(' ')} */` },
    plugins: [inlineCss],
    alias: { regl: '@plotly/regl', stream: 'stream-browserify' },
    define: { global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false' },
    target: 'es2016',
    logLevel: 'warning',
}).catch(() => process.exit(1));
