import { render } from 'preact';
import { App } from './components/App';
import './styles.css';
import './canned-labels.css';

render(<App />, document.getElementById('app')!);
