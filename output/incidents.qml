<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.28.0-Firenze" styleCategories="Symbology">
  <renderer-v2 type="categorizedSymbol" attr="coalesce(&quot;type&quot;, &apos;Unspecified&apos;)" symbollevels="0" enableorderby="0" forceraster="0">
    <categories>
      <category symbol="0" value="Armed attack" label="Armed attack (2)" render="true"/>
      <category symbol="1" value="Prison riot" label="Prison riot (2)" render="true"/>
      <category symbol="2" value="Arrests" label="Arrests (1)" render="true"/>
      <category symbol="3" value="Car bomb" label="Car bomb (1)" render="true"/>
      <category symbol="4" value="Foiled plot" label="Foiled plot (1)" render="true"/>
      <category symbol="5" value="Rocket attack" label="Rocket attack (1)" render="true"/>
      <category symbol="6" value="Suicide bombing" label="Suicide bombing (1)" render="true"/>
      <category symbol="7" value="Vehicle ramming" label="Vehicle ramming (1)" render="true"/>
    </categories>
    <symbols>
      <symbol type="marker" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="angle" type="QString" value="0"/>
            <Option name="color" type="QString" value="0,114,178,255"/>
            <Option name="joinstyle" type="QString" value="miter"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.265"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="scale_method" type="QString" value="diameter"/>
            <Option name="size" type="QString" value="3.440"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
          <prop k="angle" v="0"/>
          <prop k="color" v="0,114,178,255"/>
          <prop k="joinstyle" v="miter"/>
          <prop k="name" v="circle"/>
          <prop k="outline_color" v="255,255,255,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.265"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="scale_method" v="diameter"/>
          <prop k="size" v="3.440"/>
          <prop k="size_unit" v="MM"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="fillColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), &apos;255,255,255,255&apos;, &apos;0,114,178,255&apos;)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), &apos;0,114,178,255&apos;, &apos;255,255,255,255&apos;)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), 0.582, 0.265)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="size" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="0.52917 * sqrt(23.7656 + 460.2344 * min(coalesce(&quot;fatalities&quot;, 0), 145) / 145)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="marker" name="1" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="angle" type="QString" value="0"/>
            <Option name="color" type="QString" value="213,94,0,255"/>
            <Option name="joinstyle" type="QString" value="miter"/>
            <Option name="name" type="QString" value="square"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.265"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="scale_method" type="QString" value="diameter"/>
            <Option name="size" type="QString" value="3.048"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
          <prop k="angle" v="0"/>
          <prop k="color" v="213,94,0,255"/>
          <prop k="joinstyle" v="miter"/>
          <prop k="name" v="square"/>
          <prop k="outline_color" v="255,255,255,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.265"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="scale_method" v="diameter"/>
          <prop k="size" v="3.048"/>
          <prop k="size_unit" v="MM"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="fillColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), &apos;255,255,255,255&apos;, &apos;213,94,0,255&apos;)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), &apos;213,94,0,255&apos;, &apos;255,255,255,255&apos;)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), 0.582, 0.265)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="size" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="0.46896 * sqrt(23.7656 + 460.2344 * min(coalesce(&quot;fatalities&quot;, 0), 145) / 145)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="marker" name="2" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="angle" type="QString" value="0"/>
            <Option name="color" type="QString" value="0,158,115,255"/>
            <Option name="joinstyle" type="QString" value="miter"/>
            <Option name="name" type="QString" value="equilateral_triangle"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.265"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="scale_method" type="QString" value="diameter"/>
            <Option name="size" type="QString" value="5.349"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
          <prop k="angle" v="0"/>
          <prop k="color" v="0,158,115,255"/>
          <prop k="joinstyle" v="miter"/>
          <prop k="name" v="equilateral_triangle"/>
          <prop k="outline_color" v="255,255,255,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.265"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="scale_method" v="diameter"/>
          <prop k="size" v="5.349"/>
          <prop k="size_unit" v="MM"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="fillColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), &apos;255,255,255,255&apos;, &apos;0,158,115,255&apos;)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), &apos;0,158,115,255&apos;, &apos;255,255,255,255&apos;)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), 0.582, 0.265)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="size" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="0.82292 * sqrt(23.7656 + 460.2344 * min(coalesce(&quot;fatalities&quot;, 0), 145) / 145)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="marker" name="3" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="angle" type="QString" value="0"/>
            <Option name="color" type="QString" value="230,159,0,255"/>
            <Option name="joinstyle" type="QString" value="miter"/>
            <Option name="name" type="QString" value="diamond"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.265"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="scale_method" type="QString" value="diameter"/>
            <Option name="size" type="QString" value="4.311"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
          <prop k="angle" v="0"/>
          <prop k="color" v="230,159,0,255"/>
          <prop k="joinstyle" v="miter"/>
          <prop k="name" v="diamond"/>
          <prop k="outline_color" v="255,255,255,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.265"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="scale_method" v="diameter"/>
          <prop k="size" v="4.311"/>
          <prop k="size_unit" v="MM"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="fillColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), &apos;255,255,255,255&apos;, &apos;230,159,0,255&apos;)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), &apos;230,159,0,255&apos;, &apos;255,255,255,255&apos;)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), 0.582, 0.265)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="size" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="0.66321 * sqrt(23.7656 + 460.2344 * min(coalesce(&quot;fatalities&quot;, 0), 145) / 145)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="marker" name="4" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="angle" type="QString" value="180"/>
            <Option name="color" type="QString" value="204,121,167,255"/>
            <Option name="joinstyle" type="QString" value="miter"/>
            <Option name="name" type="QString" value="equilateral_triangle"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.265"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="scale_method" type="QString" value="diameter"/>
            <Option name="size" type="QString" value="5.349"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
          <prop k="angle" v="180"/>
          <prop k="color" v="204,121,167,255"/>
          <prop k="joinstyle" v="miter"/>
          <prop k="name" v="equilateral_triangle"/>
          <prop k="outline_color" v="255,255,255,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.265"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="scale_method" v="diameter"/>
          <prop k="size" v="5.349"/>
          <prop k="size_unit" v="MM"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="fillColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), &apos;255,255,255,255&apos;, &apos;204,121,167,255&apos;)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), &apos;204,121,167,255&apos;, &apos;255,255,255,255&apos;)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), 0.582, 0.265)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="size" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="0.82292 * sqrt(23.7656 + 460.2344 * min(coalesce(&quot;fatalities&quot;, 0), 145) / 145)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="marker" name="5" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="angle" type="QString" value="30"/>
            <Option name="color" type="QString" value="86,180,233,255"/>
            <Option name="joinstyle" type="QString" value="miter"/>
            <Option name="name" type="QString" value="hexagon"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.265"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="scale_method" type="QString" value="diameter"/>
            <Option name="size" type="QString" value="3.782"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
          <prop k="angle" v="30"/>
          <prop k="color" v="86,180,233,255"/>
          <prop k="joinstyle" v="miter"/>
          <prop k="name" v="hexagon"/>
          <prop k="outline_color" v="255,255,255,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.265"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="scale_method" v="diameter"/>
          <prop k="size" v="3.782"/>
          <prop k="size_unit" v="MM"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="fillColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), &apos;255,255,255,255&apos;, &apos;86,180,233,255&apos;)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), &apos;86,180,233,255&apos;, &apos;255,255,255,255&apos;)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), 0.582, 0.265)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="size" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="0.58189 * sqrt(23.7656 + 460.2344 * min(coalesce(&quot;fatalities&quot;, 0), 145) / 145)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="marker" name="6" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="angle" type="QString" value="0"/>
            <Option name="color" type="QString" value="136,34,85,255"/>
            <Option name="joinstyle" type="QString" value="miter"/>
            <Option name="name" type="QString" value="star"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.265"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="scale_method" type="QString" value="diameter"/>
            <Option name="size" type="QString" value="5.301"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
          <prop k="angle" v="0"/>
          <prop k="color" v="136,34,85,255"/>
          <prop k="joinstyle" v="miter"/>
          <prop k="name" v="star"/>
          <prop k="outline_color" v="255,255,255,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.265"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="scale_method" v="diameter"/>
          <prop k="size" v="5.301"/>
          <prop k="size_unit" v="MM"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="fillColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), &apos;255,255,255,255&apos;, &apos;136,34,85,255&apos;)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), &apos;136,34,85,255&apos;, &apos;255,255,255,255&apos;)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), 0.582, 0.265)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="size" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="0.81558 * sqrt(23.7656 + 460.2344 * min(coalesce(&quot;fatalities&quot;, 0), 145) / 145)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="marker" name="7" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="angle" type="QString" value="0"/>
            <Option name="color" type="QString" value="102,102,102,255"/>
            <Option name="joinstyle" type="QString" value="miter"/>
            <Option name="name" type="QString" value="cross_fill"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.265"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="scale_method" type="QString" value="diameter"/>
            <Option name="size" type="QString" value="4.011"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
          <prop k="angle" v="0"/>
          <prop k="color" v="102,102,102,255"/>
          <prop k="joinstyle" v="miter"/>
          <prop k="name" v="cross_fill"/>
          <prop k="outline_color" v="255,255,255,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.265"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="scale_method" v="diameter"/>
          <prop k="size" v="4.011"/>
          <prop k="size_unit" v="MM"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="fillColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), &apos;255,255,255,255&apos;, &apos;102,102,102,255&apos;)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), &apos;102,102,102,255&apos;, &apos;255,255,255,255&apos;)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), 0.582, 0.265)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="size" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="0.61711 * sqrt(23.7656 + 460.2344 * min(coalesce(&quot;fatalities&quot;, 0), 145) / 145)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
</qgis>
