// Copies what tsc does not: the icons (light and dark) and the codex *.node.json files.
const path = require('path');
const { task, src, dest, parallel } = require('gulp');

function copyNodeAssets() {
	return src(path.resolve('nodes', '**', '*.{png,svg,node.json}'), { encoding: false }).pipe(dest(path.resolve('dist', 'nodes')));
}

function copyCredentialAssets() {
	return src(path.resolve('credentials', '**', '*.{png,svg}'), { encoding: false }).pipe(dest(path.resolve('dist', 'credentials')));
}

task('build:icons', parallel(copyNodeAssets, copyCredentialAssets));
