// Copies what tsc does not: the icons (light and dark), as `n8n-node build` does. The codex
// *.node.json files are emitted by tsc itself (tsconfig.json includes nodes/**/*.json), exactly as
// in `n8n-node build`'s dist; copying them here too would only re-indent them.
const path = require('path');
const { task, src, dest, parallel } = require('gulp');

function copyNodeAssets() {
	return src(path.resolve('nodes', '**', '*.{png,svg}'), { encoding: false }).pipe(dest(path.resolve('dist', 'nodes')));
}

function copyCredentialAssets() {
	return src(path.resolve('credentials', '**', '*.{png,svg}'), { encoding: false }).pipe(dest(path.resolve('dist', 'credentials')));
}

task('build:icons', parallel(copyNodeAssets, copyCredentialAssets));
