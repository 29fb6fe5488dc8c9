import { anchorId, html, type Html } from '../html';
import { elementId, type StructureDefinitionJson } from './element-definition';
import { ownElements } from './element-details';

/** One table per mapping the definition declares (STU3, R5, DICOM, W5...), element by element. */
export function renderMappings(sd: StructureDefinitionJson): Html {
  const elements = ownElements(sd);
  const tables = (sd.mapping ?? []).map((m) => {
    const rows = elements.flatMap((e) =>
      (e.mapping ?? [])
        .filter((x) => x.identity === m.identity)
        .map((x) => html`<tr><td><a href="#def-${anchorId(elementId(e))}">${elementId(e)}</a></td><td>${x.map}</td><td>${x.comment ?? ''}</td></tr>`),
    );
    if (!rows.length) return html``;
    return html`<h3 id="map-${anchorId(m.identity)}">Mappings for ${m.name ?? m.identity}${m.uri ? html` (<a href="${m.uri}">${m.uri}</a>)` : ''}</h3>
${m.comment ? html`<p>${m.comment}</p>` : ''}
<table class="grid mappings"><thead><tr><th>Element</th><th>Maps to</th><th>Comment</th></tr></thead><tbody>${rows}</tbody></table>`;
  });
  return html`${tables}`;
}
