/** Media types of rendered output that carry pixels (or a page that can). */
const IMAGE_TYPES = /^(?:image\/(?!svg)|application\/pdf|video\/)/i;

interface NotebookCell {
  outputs?: { data?: Record<string, unknown> }[];
  attachments?: Record<string, Record<string, unknown>>;
}

/**
 * Image outputs and pasted image attachments in a Jupyter notebook, of any size (a 729-byte thumbnail
 * is still a patient's image). Undefined when the text is not a notebook.
 */
export function notebookImageCount(text: string): number | undefined {
  if (!text.includes('"nbformat"') || !text.includes('"cells"')) return undefined;
  let notebook: { cells?: NotebookCell[]; worksheets?: { cells?: NotebookCell[] }[] };
  try {
    notebook = JSON.parse(text);
  } catch {
    return undefined;
  }
  const cells = [...(notebook.cells ?? []), ...(notebook.worksheets ?? []).flatMap((w) => w.cells ?? [])];
  let images = 0;
  for (const cell of Array.isArray(cells) ? cells : []) {
    for (const output of Array.isArray(cell?.outputs) ? cell.outputs : []) {
      // nbformat 3 kept media types as top-level keys ("png", "jpeg") on the output itself.
      const data = { ...(output as Record<string, unknown>), ...(output?.data ?? {}) };
      for (const type of Object.keys(data))
        if (IMAGE_TYPES.test(type) || /^(png|jpeg|gif)$/.test(type)) images++;
    }
    for (const bundle of Object.values(cell?.attachments ?? {}))
      for (const type of Object.keys(bundle ?? {})) if (IMAGE_TYPES.test(type)) images++;
  }
  return images;
}
