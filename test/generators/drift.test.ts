/** Committed generated files are exactly what the generator writes, every time. */
import { render, staleFiles } from '../../generators/generate';

test('regenerating changes no committed file', () => {
  expect(staleFiles(render().files)).toEqual([]);
});

test('generating twice gives byte-identical files', () => {
  const first = render().files;
  const second = render().files;
  expect([...second.keys()]).toEqual([...first.keys()]);
  for (const [path, content] of first) expect(second.get(path)).toBe(content);
});
