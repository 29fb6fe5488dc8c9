import { html, raw, type Html } from '../html';
import type { IgConfig, MenuItem } from '../ig-config';
import { contentSecurityPolicy } from './content-security-policy';

export interface LayoutInput {
  config: IgConfig;
  /** The menu bar: sushi-config.yaml's menu plus the pages only this renderer makes. */
  menu: MenuItem[];
  /** This page's file name, to mark its menu entry. */
  page: string;
  title: string;
  body: Html;
  /** Extra markup for the head (a page's own script files). */
  head?: Html;
  /** The page's own inline scripts, if it needs any: written into the head and allowed by their hash. */
  inlineScripts?: string[];
  /** The page starts Web Workers from blobs (the playground). */
  workers?: boolean;
  /** A build timestamp shown in the footer; fixed by the caller so that builds can be compared. */
  generated: string;
}

/**
 * The page shell, modelled on the HL7 IG Publisher template: the IG's title band, the menu bar,
 * a breadcrumb, a status banner (the ci-build warning) and the footer with the package id.
 */
export function renderLayout(input: LayoutInput): string {
  const { config } = input;
  const menu = input.menu.map((m) => html`<li${m.href === input.page ? raw(' class="active"') : ''}><a href="${m.href}">${m.label}</a></li>`);
  const doc = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${raw(contentSecurityPolicy(input.inlineScripts, input.workers))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title} - ${config.title} v${config.version}</title>
<link rel="icon" href="assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="assets/site.css">
<link rel="stylesheet" href="assets/highlight.css">
${input.head ?? ''}
${(input.inlineScripts ?? []).map((s) => raw(`<script>${s}</script>\n`))}</head>
<body>
<header class="ig-header">
  <div class="ig-header-inner">
    <a class="ig-logo" href="index.html" title="Home"><span class="flame">FHIR</span></a>
    <div class="ig-title">
      <div class="ig-name">${config.title}</div>
      <div class="ig-sub">${config.version} - ${config.releaseLabel ?? config.status} &nbsp;${config.publisher?.name ? html`· ${config.publisher.name}` : ''}</div>
    </div>
    <a class="ig-hl7" href="http://hl7.org/fhir/R5/" title="FHIR R5">HL7 FHIR R5</a>
  </div>
</header>
<nav class="ig-menu"><ul>${menu}</ul></nav>
<div class="ig-status">This page is part of the ${config.title} (v${config.version}: ${config.releaseLabel ?? config.status}) based on <a href="http://hl7.org/fhir/R5/">FHIR (HL7® FHIR® Standard) R5</a>. This is a build of the working group's draft, not an HL7 ballot or publication.</div>
<div class="ig-breadcrumb"><a href="index.html">${config.title}</a> &gt; ${input.title}</div>
<main class="ig-content">
${input.body}
</main>
<footer class="ig-footer">
  <p>${config.title} v${config.version} · Package <code>${config.id}#${config.version}</code> based on FHIR ${config.fhirVersion} · ${config.license ? html`License ${config.license} · ` : ''}${config.publisher?.name ?? ''}</p>
  <p>Generated ${input.generated} by <code>imgref site</code> from the IG-Publisher-compatible source (<code>sushi-config.yaml</code>, <code>input/</code>). Links: <a href="artifacts.html">Table of artifacts</a> · <a href="package.tgz">Package (package.tgz)</a></p>
</footer>
</body>
</html>
`;
  return doc.value;
}
