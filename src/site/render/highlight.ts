import hljs from 'highlight.js/lib/core';
import json from 'highlight.js/lib/languages/json';
import xml from 'highlight.js/lib/languages/xml';
import { escapeHtml } from '../html';

hljs.registerLanguage('json', json);
hljs.registerLanguage('xml', xml);

/** Highlighted markup for code in a language the site shows (JSON, XML); plain text otherwise. */
export function highlightCode(code: string, language: string | undefined): string {
  const lang = language === 'fsh' ? undefined : language;
  if (lang && hljs.getLanguage(lang)) return hljs.highlight(code, { language: lang }).value;
  return escapeHtml(code);
}
