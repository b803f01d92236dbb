import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import manifest from '../components/custom-elements.json';

setCustomElementsManifest(manifest);

const preview: Preview = {
  // Every story in each language and municipal theme (stories/fixtures.ts reads these globals).
  globalTypes: {
    lang: {
      description: 'Language of the widgets',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'fi', title: 'suomi' },
          { value: 'sv', title: 'svenska' },
          { value: 'en', title: 'English' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Municipal theme (the municipality’s --kunta-* tokens from the API)',
      toolbar: {
        title: 'Theme',
        icon: 'paintbrush',
        items: [
          { value: 'default', title: 'Default (Nivala)' },
          { value: 'kalajoki', title: 'Kalajoki' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { lang: 'fi', theme: 'default' },
  parameters: { controls: { expanded: true } },
};
export default preview;
