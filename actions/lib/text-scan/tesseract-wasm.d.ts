// tesseract-wasm ships types its package.json "exports" hides from NodeNext; the part used here.
declare module 'tesseract-wasm' {
  export interface IntRect {
    left: number;
    top: number;
    right: number;
    bottom: number;
  }
  export interface TextItem {
    rect: IntRect;
    flags: number;
    confidence: number;
    text: string;
  }
  export interface OCREngine {
    loadModel(model: Uint8Array | ArrayBuffer): void;
    loadImage(image: { data: Uint8ClampedArray; width: number; height: number }): void;
    clearImage(): void;
    setVariable(name: string, value: string): void;
    getTextBoxes(unit: 'line' | 'word'): TextItem[];
    destroy(): void;
  }
  export function createOCREngine(options?: { wasmBinary?: Uint8Array | ArrayBuffer }): Promise<OCREngine>;
  export function supportsFastBuild(): boolean;
}
