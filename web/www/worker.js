// Runs the crate, compiled to WebAssembly, off the page's thread so that
// the page stays responsive; reports progress as it reads the files.
import init, { Corpus, phrases, tables } from "./pkg/childwelfare_web.js";

const ready = init();
let corpus = null;

self.onmessage = async (event) => {
  await ready;
  const { id, kind, args } = event.data;
  try {
    let result;
    switch (kind) {
      case "phrases":
        result = JSON.parse(phrases(args.lang));
        break;
      case "load": {
        corpus = new Corpus();
        const files = args.files;
        for (let i = 0; i < files.length; i++) {
          const { name, inFolder, bytes } = files[i];
          corpus.add(name, new Uint8Array(bytes), inFolder);
          self.postMessage({ id, progress: [i + 1, files.length] });
        }
        result = { validation: JSON.parse(corpus.validate()), tables: tables() };
        break;
      }
      case "report":
        result = corpus.report(args.format, args.lang, false);
        break;
      case "problems":
        result = corpus.problems_csv();
        break;
      case "table":
        result = corpus.export_csv(args.table, args.lang);
        break;
      default:
        throw new Error(`unknown request ${kind}`);
    }
    self.postMessage({ id, result });
  } catch (error) {
    self.postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
};
