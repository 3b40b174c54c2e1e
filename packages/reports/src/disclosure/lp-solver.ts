import highsModule, { type Highs } from 'highs';

type Loader = typeof highsModule.default;
// The package types its declarations as CommonJS while Node loads its ES module build: the
// default import is the loader at run time but the module object to the type checker.
const loadHighs: Loader = typeof highsModule === 'function' ? highsModule : highsModule.default;

let instance: Promise<Highs> | undefined;

/** The HiGHS WebAssembly runtime, loaded once per process. */
export function highs(): Promise<Highs> {
  instance ??= loadHighs();
  return instance;
}
