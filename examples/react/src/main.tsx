/**
 * A React 19 app using grad-graph as an app would: the element imported lazily (after React has
 * rendered it, so `source` arrives as an attribute), a trace passed as a property, and the
 * element's events heard through React props, all type-checked with skipLibCheck false.
 *
 * React 19 sets a prop as a property only when the element has it, so an object prop (`trace`)
 * waits for the element to be defined: before that React would write it as an attribute.
 */
import {StrictMode, useEffect, useState} from 'react';
import {createRoot} from 'react-dom/client';
import type {} from 'grad-graph/react';
import type {GradStepDetail} from 'grad-graph/element';
import {traceSource} from 'grad-graph/runner';

const code = `import torch
x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()
out.backward()
print(x.grad)
`;

function App() {
  const [step, setStep] = useState(-1);
  const [defined, setDefined] = useState(false);
  useEffect(() => {
    void customElements.whenDefined('grad-graph').then(() => {
      setDefined(true);
    });
  }, []);
  const [trace] = useState(() =>
    traceSource('import torch\na = torch.ones(3, requires_grad=True)\n(a * a).sum().backward()\n'),
  );
  return (
    <main>
      <h1>grad-graph in React</h1>
      <grad-graph
        id="from-source"
        source={code}
        autoplay
        speed={8}
        theme="auto"
        ongrad-step={(event: CustomEvent<GradStepDetail>) => {
          setStep(event.detail.index);
        }}
      />
      <p>
        Step: <output id="step">{step}</output>
      </p>
      {defined && <grad-graph id="from-trace" trace={trace} view="autograd" no-controls />}
    </main>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
// The element arrives after React has rendered it (as a lazily loaded route would bring it).
setTimeout(() => {
  void import('grad-graph/element');
}, 50);
